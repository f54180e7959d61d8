// Evaluated before snowflake-sdk loads: its bundled AWS SDK otherwise prints a Node-version
// notice to stderr in the middle of the wizard's screen.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
export {};
