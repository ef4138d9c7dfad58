"""PDF documents of the industry app (WeasyPrint): the quote."""

from __future__ import annotations

from hall32.core import selectors as core_selectors
from hall32.industry.models import Quote
from hall32.web.pdf import render_pdf


def quote_pdf(quote: Quote) -> bytes:
    lines = list(quote.lines.select_related("equipment"))
    net, vat, gross = quote.totals(lines)
    hub = core_selectors.hub_organisation()
    return render_pdf(
        "industry/pdf/quote.html",
        {
            "quote": quote,
            "project": quote.project,
            "lines": lines,
            "net": net,
            "vat": vat,
            "gross": gross,
            "hub": hub,
        },
    )
