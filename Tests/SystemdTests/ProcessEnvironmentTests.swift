import Testing

/// Tests that change process-wide state (environment variables, fd 2 and fd 3) run one at a time.
@Suite(.serialized) struct ProcessEnvironmentTests {}
