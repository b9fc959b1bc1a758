"""The root of every exception this package raises, so a program can catch them all with one class.

It imports nothing (no Pulumi), so the client can derive from it and stay usable without Pulumi.

```
SinchEstError                          pulumi_sinch_est
├── SinchError                         client: a Sinch API call failed
│   ├── TransportError                 no HTTP response came back (connect failure, timeout, dropped)
│   ├── UnexpectedResponseError        a success status with a body not of the documented shape
│   ├── AmbiguousMatchError            a lookup by name found more than one object
│   └── ApiError                       an error status came back
│       ├── BadRequestError            400
│       ├── AuthenticationError        401
│       ├── PermissionDeniedError      403
│       ├── NotFoundError              404
│       ├── ConflictError              409
│       ├── RateLimitedError           429
│       └── ServerError                5xx
├── ConfigurationError                 config: a required setting is missing or a given one is unusable
├── ProviderError                      providers: an operation failed for a known reason
│   ├── ProvisioningError              a number's voice provisioning failed or ended elsewhere
│   │   └── ProvisioningTimeout        ... or was still under way at the deadline
│   ├── LinkNotFoundError              adopting a trunk link the trunk does not have (also a LookupError)
│   └── CountryNotFoundError           a country the catalogue does not have (also a LookupError)
├── SipTrunkingError                   components: contradicting or missing answers (also pulumi.RunError)
├── RecoveryError                      recovery: an interrupted create cannot be settled
└── FolderNotEmptyError                export: the output folder holds files and --force was not given
```

One part of the distribution raises exceptions outside this tree on purpose: the emulator (a stand-in for
Sinch's servers: its errors become HTTP responses, never reach a program).
"""

from __future__ import annotations


class SinchEstError(Exception):
    """Raised, through a subclass, for every failure this package reports; catch it to handle them all."""
