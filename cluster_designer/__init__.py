"""Cluster Designer: draw, evaluate, compare and print regional knowledge-cluster maps."""
