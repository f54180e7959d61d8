// Set before snowflake-sdk makes any of its AWS clients, which is when the AWS SDK reads it (not
// when it loads: in the bundle this runs just after snowflake-sdk is imported): else it prints a
// Node-version notice to stderr in the middle of the wizard's screen (on Node < 22).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
export {};
