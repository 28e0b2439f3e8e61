"""Pure-Python core of assetlink: no Django imports; plain data in, plain data out."""
