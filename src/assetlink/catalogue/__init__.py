"""The good-practice catalogue: practices as URBACT publishes them, networks and events, and transfer."""
