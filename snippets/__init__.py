"""Runnable code that the site's pages include, one package per section of the site."""
