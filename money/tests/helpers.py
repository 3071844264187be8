def budget_data(income=(), expenses=(), currency="£", more=None, blank=0) -> dict:
    """POST data for the budget form: rows as (label, amount) pairs, as the page
    sends them (with `more`, the "Add more lines" button for that list)."""
    data = {"currency": currency, "action": "save"}
    if more:
        data["more"] = more
    for prefix, rows in (("income", income), ("expenses", expenses)):
        rows = list(rows) + [("", "")] * blank
        data[f"{prefix}-rows"] = str(len(rows))
        for i, (label, amount) in enumerate(rows):
            data[f"{prefix}-{i}-label"] = label
            data[f"{prefix}-{i}-amount"] = amount
    return data
