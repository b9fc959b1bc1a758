"""`make demo`: until the resources exist, say what the demo will do."""

print(
    "make demo will start the local EST emulator, run `pulumi up` on examples/bidirectional against it,\n"
    "print the trunk's SIP domain and the objects created, and show the one-line destroy command.\n"
    "The resources are not built yet, so there is nothing to deploy."
)
