"""The producer matrix of issue 16: every document of tests/pdfgen.py written by many PDF
producers, each a function in a module of its own, each file with its gold.

| producer | module | how the PDF is made |
|---|---|---|
| `reportlab` | reportlab_plain | tests/pdfgen.py's first layout (STSong-Light, Times) |
| `reportlab-1tf` | reportlab_scaled | each glyph at `1 Tf` under a scaled matrix, a space glyph |
| | | before each Chinese character, embedded TrueType (Word + Distiller) |
| `libreoffice` | libreoffice, docx_build | python-docx .docx → `soffice --convert-to pdf` |
| `chromium` | chromium, html_build | HTML → `chromium --print-to-pdf` (@page margin boxes) |
| `chromium-2col` | chromium, html_build | the same in two CSS columns |
| `reportlab-2col` | reportlab_columns | platypus, two balanced columns, full-width title, table |
| `cairo` | cairo | `pdftocairo -pdf` of the `reportlab` files |
| `ghostscript` | ghostscript | `gs -sDEVICE=pdfwrite` of the `reportlab` files (the Chinese |
| | | loses its Unicode mapping) |
| `ghostscript-1tf` | ghostscript | the same of the `reportlab-1tf` files (likewise) |
| `ghostscript-lo` | ghostscript | the same of the `libreoffice` files (text kept) |
| `unmapped-pua` | unmapped | Chinese ToUnicode to the Private Use Area (error path) |
| `unmapped-compat` | unmapped | Chinese ToUnicode to Kangxi radicals / compatibility forms |

`matrix.build_matrix` builds what is asked for once into a cache folder keyed by the sources and
the tools' versions; tests/conftest.py's `producer_matrix` fixture and bench/bench_pdf_producers.py
use it. The documents and their gold are in `documents`.

HELD OUT: the real UN texts (`documents.DOCS` with `heldout=True`: ecosoc_02, ecosoc_05)
written by these producers measure the PDF reader; whoever builds or tunes the reader must not
look at them or at their rows in bench/results/pdf_producers_heldout.md. Tune on the development
documents (`documents.DEV_DOCS`: seed, resolution, ecosoc_01, ecosoc_03, ecosoc_04, ecosoc_06,
ecosoc_07, sdg_goals_targets, sdg_indicators, udhr) and
the real-world corpus (tests/data/realworld.tsv) only.
"""
