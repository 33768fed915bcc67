"""Reading, cleaning, segmentation and alignment of Chinese-English document pairs."""

# This folder is installed as `untm.aligner` only (pyproject.toml maps it): imported as `aligner`
# (from a checkout's root) every class would exist twice, `aligner.x.C is not untm.aligner.x.C`.
if __name__ != "untm.aligner":
    raise ImportError(f"import untm.aligner, not {__name__} (the package is untm)")
