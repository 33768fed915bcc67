"""The seed report's first English paragraphs, as tests set them on a page of their own."""

from __future__ import annotations

PARAGRAPHS = (
    "The United Nations Human Settlements Programme and the United Nations Environment "
    "Programme have been cooperating for more than three decades. During that time, they have "
    "sought to mainstream environmental considerations into urban decision-making, and urban "
    "considerations into environmental decision-making, at the global, national and local "
    "levels.",
    "In 2008, the two agencies adopted their first formal cooperation framework. Since then, "
    "the priority thematic areas guiding their activities have evolved from environmental "
    "planning and management to cities and climate change and then to buildings and transport.",
    "In 2014, the two agencies commissioned an external review of their cooperation. The review "
    "found that, while staff and member States generally regarded the cooperation as conducive "
    "to coordination, it lacked incentives and a shared vision.",
)
