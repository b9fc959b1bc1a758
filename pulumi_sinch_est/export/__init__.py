"""`sinch-est-export`: bring an existing Sinch project under Pulumi by writing the program that adopts it.

One module per step: `read` gathers the project through the client (no Pulumi), `naming` gives every
object a logical name, `render` writes `__main__.py`, `write` the folder around it, `cli` the command.
"""
