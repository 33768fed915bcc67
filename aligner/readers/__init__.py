"""Format readers: each turns a file into raw text or raw blocks for `aligner.clean`."""
