"""SRX 2.0 segmentation rules shipped with untm (data package)."""
