"""For scrapyd-deploy (scrapyd-client), which builds the project's egg with ``setup.py bdist_uberegg``.

Everything is declared in pyproject.toml (the Scrapy settings entry point Scrapyd reads included);
pip installs do not need this file.
"""

from setuptools import setup

setup()
