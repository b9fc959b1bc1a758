"""Manage Sinch Elastic SIP Trunking as code with Pulumi."""
