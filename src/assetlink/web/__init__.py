"""The web layer: base layout, navigation, access decorators and shared UI components."""
