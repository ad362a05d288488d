"""Hồ sơ xã as a scorecard, on screen and on paper.

    model.py     one commune's scorecard as data (the page and the PDF read the same)
    text.py      its figures and words, formatted once for both
    charts.py    Vega-Lite specs: the group chart on screen, the province map on paper (vl-convert)
    pdf.py       the commune's A4 scorecard, typeset with Typst
    province.py  a province: every commune's PDF and a one-page summary
    templates/   the Typst layouts
"""
