"""What search registers with the core: the search box in the menu of every page.
``SearchConfig.ready`` calls ``register()``."""

from samverkan.navigation import register_search_box


def register():
    register_search_box("search:results", param="q")
