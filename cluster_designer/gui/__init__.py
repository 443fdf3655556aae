"""The Qt desktop application: a layer over the Qt-free core."""
