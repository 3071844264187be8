def budget_data(income=(), expenses=(), currency="£", action="save", blank=0) -> dict:
    """POST data for the budget form: rows as (label, amount) pairs."""
    data = {"currency": currency, "action": action}
    for prefix, rows in (("income", income), ("expenses", expenses)):
        rows = list(rows) + [("", "")] * blank
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for i, (label, amount) in enumerate(rows):
            data[f"{prefix}-{i}-label"] = label
            data[f"{prefix}-{i}-amount"] = amount
    return data
