"""Local spend: an anchor institution's spend lines, located and linked to the register, and LM3."""
