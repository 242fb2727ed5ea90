"""Charts drawn on the server as inline SVG: nothing to download, readable without JavaScript."""


def column_chart(points, plot_height=120, bar=28, gap=10, labels=True):
    """Geometry for a column chart of (label, value) points; the template draws it."""
    top = 16 if labels else 2
    bottom = 22 if labels else 0
    peak = max((value for _, value in points), default=0) or 1
    baseline = top + plot_height
    bars = []
    for position, (label, value) in enumerate(points):
        height = round(value / peak * plot_height, 1)
        x = gap + position * (bar + gap)
        bars.append(
            {
                "label": label,
                "value": value,
                "x": x,
                "y": round(baseline - height, 1),
                "width": bar,
                "height": height,
                "middle": x + bar / 2,
                "value_y": round(baseline - height - 4, 1),
                "label_y": baseline + 16,
            }
        )
    return {
        "width": gap + len(points) * (bar + gap),
        "height": baseline + bottom,
        "baseline": baseline,
        "bars": bars,
        "labels": labels,
    }
