"""目标对比: the table and the chart of one indicator's target and status figures.

A fresh matplotlib figure per query (so no legend outlives its query), one panel per unit (so
吨 and % never share an axis), padded axes, 目标 as filled and 现状 as hollow markers.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path


TABLE_COLUMNS = ["年份", "指标", "类型", "数值", "范围", "文件", "原文"]
POINT_COLUMNS = ["年份", "数值", "单位", "来源", "类型"]
MAX_PANELS = 3  # units beyond the three most common stay in the table only
FONTS = ["Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC",
         "DejaVu Sans"]
KIND = {"target": "目标", "status": "现状"}
# Debian's fonts-noto-cjk; matplotlib's font cache may predate its installation, so add it by path.
CJK_FILES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
             "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


@lru_cache(maxsize=1)
def font_families() -> list[str]:
    """Font families for Chinese labels, with any installed CJK font registered with matplotlib."""
    import logging

    from matplotlib import font_manager

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)  # a missing family is not news
    known = {f.name for f in font_manager.fontManager.ttflist}
    for path in CJK_FILES:
        if Path(path).exists():
            font_manager.fontManager.addfont(path)
    known |= {f.name for f in font_manager.fontManager.ttflist}
    return [f for f in FONTS if f in known] or ["DejaVu Sans"]


def _number(row: dict) -> float | None:
    for value in (row.get("number"), row.get("value")):
        try:
            return float(value)
        except (TypeError, ValueError):
            continue
    return None


def short_title(title: str, limit: int = 14) -> str:
    """A document title short enough for a legend."""
    for prefix in ("中共北京市委 北京市人民政府关于", "北京市人民政府关于"):
        title = title.removeprefix(prefix)
    return title if len(title) <= limit else title[:limit] + "…"


def _shown_value(row: dict) -> str:
    return f"{row.get('qualifier') or ''}{row.get('value', '')}{row.get('unit') or ''}"


def unique_rows(rows: list[dict]) -> list[dict]:
    """Rows once each: one figure stated twice in a document (text and table) is one record."""
    seen, out = set(), []
    for r in rows:
        key = (r.get("indicator"), r.get("year"), _shown_value(r), r.get("scope") or "全市",
               r.get("doc_id") or r.get("doc_title"))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def targets_table(rows: list[dict]):
    """One line per distinct target or status figure, with its document and the sentence."""
    import pandas as pd

    data = [[(f"{r['year']}年" if r.get("year") else "—") + _assumed(r, "year_stated"), r.get("indicator", ""),
             KIND.get(r.get("kind"), "现状"), _shown_value(r), (r.get("scope") or "全市") + _assumed(r, "scope_stated"),
             f"《{r.get('doc_title', '')}》", r.get("text", "")]
            for r in unique_rows(rows)]
    return pd.DataFrame(data, columns=TABLE_COLUMNS)


def _assumed(row: dict, key: str) -> str:
    """"（推定）" when the sentence does not say it and the document's own place or year was taken."""
    return "" if row.get(key, True) else "（推定）"


MAX_SCOPES = 3  # a document stating a figure for more scopes (17 districts) is one series, not 17


def _sources(rows: list[dict]) -> list[str]:
    """Each row's series name: short title and scope, or "各区（N个）" for a document with many scopes."""
    scopes: dict[str, set] = {}
    for r in rows:
        scopes.setdefault(r.get("doc_title", ""), set()).add(r.get("scope") or "全市")
    names = []
    for r in rows:
        title, many = r.get("doc_title", ""), len(scopes[r.get("doc_title", "")])
        scope = f"各区（{many}个）" if many > MAX_SCOPES else (r.get("scope") or "全市")
        names.append(f"{short_title(title, 12)}·{scope}")
    return names


def chart_points(rows: list[dict]):
    """The plottable records (a year and a number), one per distinct figure, every unit kept."""
    import pandas as pd

    rows = [r for r in unique_rows(rows) if r.get("year") and _number(r) is not None]
    data = [[f"{r['year']}年", _number(r), r.get("unit") or "", source, KIND.get(r.get("kind"), "现状")]
            for r, source in zip(rows, _sources(rows))]
    return pd.DataFrame(data, columns=POINT_COLUMNS)


def _padded(values: list[float], share: float, least: float) -> tuple[float, float]:
    """Axis limits with room around the extreme points so no marker is cut at the edge."""
    low, high = min(values), max(values)
    pad = max((high - low) * share, least, abs(high) * 0.05)
    return low - pad, high + pad


def _panel(ax, points, unit: str, colours: dict, title: str) -> None:
    """One unit's points: a colour per source, filled 目标 and hollow 现状, with its own legend.

    Years are evenly spaced categories: 2035 beside 2020–2025 would crush the near years together.
    """
    years = sorted({int(y.rstrip("年")) for y in points["年份"]})
    slot = {y: i for i, y in enumerate(years)}
    step = min(0.5 / max(len(colours), 1), 0.08)  # sources side by side: equal values stay visible
    for i, (source, colour) in enumerate(colours.items()):
        dx = (i - (len(colours) - 1) / 2) * step
        for kind, filled in (("目标", True), ("现状", False)):
            sel = points[(points["来源"] == source) & (points["类型"] == kind)]
            if sel.empty:
                continue
            ax.scatter([slot[int(y.rstrip("年"))] + dx for y in sel["年份"]], sel["数值"], s=64, linewidths=1.8,
                       color=colour, facecolors=colour if filled else "none", label=f"{source}（{kind}）")
    ax.set_xlim(-0.6, len(years) - 0.4)
    ax.set_ylim(*_padded(list(points["数值"]), 0.12, 0.5))
    ax.set_xticks(range(len(years)), labels=[f"{y}年" for y in years])
    ax.set_ylabel(unit or "数值")
    ax.set_title(title, fontsize=11)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False,
              title="实心＝目标，空心＝现状", title_fontsize=8)


def targets_figure(points, indicator: str = ""):
    """A new figure for this query: one panel per unit (most common first), or None when empty."""
    import matplotlib
    from matplotlib.figure import Figure

    if points is None or len(points) == 0:
        return None
    units = [u for u, _ in Counter(points["单位"]).most_common(MAX_PANELS)]
    palette = matplotlib.colormaps["tab10"].colors
    colours = {s: palette[i % len(palette)] for i, s in enumerate(dict.fromkeys(points["来源"]))}
    with matplotlib.rc_context({"font.family": font_families(), "axes.unicode_minus": False}):
        fig = Figure(figsize=(10, 3.3 * len(units)), layout="constrained")
        for ax, unit in zip(fig.subplots(len(units), 1, squeeze=False)[:, 0], units):
            sel = points[points["单位"] == unit]
            used = {s: c for s, c in colours.items() if s in set(sel["来源"])}
            _panel(ax, sel, unit, used, f"{indicator}（{unit or '无单位'}）" if indicator else unit)
    return fig
