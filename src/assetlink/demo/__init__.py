"""The demo, assembled at the top: builds both demo programmes by calling each app's demo builders."""
