"""Datasette for the archive: the lcnews plugin (Chinese search, month facet, snippets) and metadata.

``lcnews.datasette.metadata`` is plain data (no Datasette import), shared with the export's data
dictionary; ``lcnews.datasette.app`` and ``lcnews.datasette.plugin`` need the ``serve`` extra.
"""
