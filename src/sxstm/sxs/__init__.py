"""Reading sxs markdown: spans, front matter, containers and blocks into :class:`~sxstm.model.Document` objects."""
