"""display: tables and charts, formatting only."""

#: Where a chart keeps the table it drew (a figure's attribute): the page offers it as the
#: chart's CSV download (``publish.replay``). A chart that counts or reshapes its input keeps
#: what it plotted; without it the page falls back to the first table the call was given.
CHART_TABLE = "zz_table"
