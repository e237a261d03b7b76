"""An authorised version of a meeting's minutes, kept as plain data: each section's heading and
its blocks, each block with its kind, so that a version reads back exactly as it was authorised
however the minutes are laid out later."""

from dataclasses import asdict
from typing import Any

from .documents import MinutesContent


def minutes_as_data(content: MinutesContent) -> dict[str, Any]:
    return {
        "title": content.title,
        "sections": [
            {
                "heading": section.heading,
                "blocks": [{"kind": block.kind, **asdict(block)} for block in section.blocks],
            }
            for section in content.sections
        ],
    }
