from django.dispatch import Signal

# Sent inside the transaction that creates a decoy space, with `decoy` (the
# decoy User) and `box` (its open vault), so feature apps can give it a
# little ordinary-looking content.
decoy_created = Signal()
