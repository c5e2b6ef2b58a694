"""specpipe: the pipeline that keeps heygen-api-client in step with HeyGen's published OpenAPI document.

Data flow: published page → ``extract`` → vendored spec → ``overlay`` → effective spec → ``doctor``
→ ``generate`` → client; ``diff`` and ``api_diff`` say what an upstream change does to callers.
"""
