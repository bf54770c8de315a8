"""The commands of the sxstm command line, one module each; ``cli`` wires them up."""
