"""Optional framing-vs-sourcing scatter plot (needs matplotlib: pip install 'framing[chart]')."""
from __future__ import annotations

from pathlib import Path


class ChartUnavailable(RuntimeError):
    pass


def scatter(comparison: dict, path: Path) -> Path:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise ChartUnavailable("--chart needs matplotlib; install it with: pip install 'framing[chart]'") from None
    from framing.writing import write_atomic
    import io

    fig, ax = plt.subplots(figsize=(6, 4.5), dpi=120)
    for a in comparison["articles"]:
        ax.scatter(a["sourcing_score"], a["framing_score"], s=60)
        ax.annotate(a["outlet"], (a["sourcing_score"], a["framing_score"]), textcoords="offset points",
                    xytext=(6, 4), fontsize=9)
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.set_xlabel("sourcing strength (0-100)")
    ax.set_ylabel("framing (0-100, own voice)")
    ax.set_title("Framing vs sourcing per outlet")
    ax.grid(alpha=0.3)
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return write_atomic(path, buf.getvalue())
