"""Data the program ships: the sample releases and the tables an analyst may edit.

Read through ``importlib.resources.files("resources")`` so that an installed copy finds
them as a checkout does.
"""
