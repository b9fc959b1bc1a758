"""The classes a Pulumi program declares; each wraps one provider from `providers/`."""
