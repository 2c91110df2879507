"""Qt widgets and models; never blocks the GUI thread on the network."""
