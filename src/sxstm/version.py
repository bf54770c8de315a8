"""The version of sxstm, in a module of its own so that every stage can name it."""

__version__ = "0.1.0"
