"""The round trip: merging reviewed files back into the documents, and restoring clean markdown."""
