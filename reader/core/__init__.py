"""The Qt-free core: transcript model, format readers, library.

Later: annotations, search and export live here too.
"""
