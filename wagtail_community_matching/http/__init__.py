"""HTTP plumbing every feature shares: caching headers, conditional answers, CSP, body limits."""
