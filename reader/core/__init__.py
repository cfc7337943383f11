"""The Qt-free core: transcript model, format readers, library, (later) annotations, search, export."""
