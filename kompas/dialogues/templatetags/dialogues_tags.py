from django import template
from django.utils.html import format_html

from ..choices import StakeholderType

register = template.Library()

# Colours with at least 4.5:1 contrast on white; shapes tell the stakeholder types apart without colour.
GROUP_COLOURS = ["#0059b3", "#a14a00", "#00733f", "#7a1a7f", "#b3001b", "#4d4d4d"]
TYPE_SHAPES: dict[str | None, str] = {
    StakeholderType.CITIZEN: "circle",
    StakeholderType.EMPLOYEE: "square",
    StakeholderType.LEADER: "diamond",
    StakeholderType.POLITICIAN: "triangle",
    StakeholderType.ASSOCIATION: "ring",
    StakeholderType.BUSINESS: "cross",
    StakeholderType.TRADE_UNION: "frame",
}


@register.filter
def group_colour(number) -> str:
    return GROUP_COLOURS[int(number) % len(GROUP_COLOURS)]


@register.filter
def group_label(number) -> str:
    return chr(ord("A") + int(number))


def _shape(kind: str, x: float, y: float, r: float, colour: str) -> str:
    if kind == "square":
        return format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>', x - r, y - r, 2 * r, 2 * r, colour
        )
    if kind == "diamond":
        return format_html(
            '<polygon points="{},{} {},{} {},{} {},{}" fill="{}"></polygon>',
            x,
            y - r,
            x + r,
            y,
            x,
            y + r,
            x - r,
            y,
            colour,
        )
    if kind == "triangle":
        return format_html(
            '<polygon points="{},{} {},{} {},{}" fill="{}"></polygon>',
            x,
            y - r,
            x + r,
            y + r,
            x - r,
            y + r,
            colour,
        )
    if kind == "ring":
        return format_html(
            '<circle cx="{}" cy="{}" r="{}" fill="none" stroke="{}" stroke-width="{}"></circle>',
            x,
            y,
            r * 0.8,
            colour,
            r * 0.4,
        )
    if kind == "frame":
        return format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="{}" stroke-width="{}"></rect>',
            x - r * 0.8,
            y - r * 0.8,
            r * 1.6,
            r * 1.6,
            colour,
            r * 0.4,
        )
    if kind == "cross":
        return format_html(
            '<path d="M{} {}L{} {}M{} {}L{} {}" stroke="{}" stroke-width="{}"></path>',
            x - r,
            y - r,
            x + r,
            y + r,
            x - r,
            y + r,
            x + r,
            y - r,
            colour,
            r * 0.5,
        )
    return format_html('<circle cx="{}" cy="{}" r="{}" fill="{}"></circle>', x, y, r, colour)


@register.filter
def type_marker(point: dict) -> str:
    return _shape(
        TYPE_SHAPES.get(point.get("type"), "circle"),
        point["x"],
        point["y"],
        1.0,
        group_colour(point["group"]),
    )


@register.simple_tag
def type_legend_items() -> list:
    return [
        (code, label, _shape(TYPE_SHAPES[code], 7, 7, 5, "#1a1a1a"))
        for code, label in StakeholderType.choices
    ]
