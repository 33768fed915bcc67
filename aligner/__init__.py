"""Reading, cleaning, segmentation and alignment of Chinese-English document pairs."""
