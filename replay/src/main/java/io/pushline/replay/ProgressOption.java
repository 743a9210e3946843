package io.pushline.replay;

import picocli.CommandLine.Option;

/**
 * The {@code --progress} option.
 */
final class ProgressOption
{
    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "AUTO",
        description = "progress on stderr: AUTO (on a terminal only), ALWAYS, NEVER (default: ${DEFAULT-VALUE})")
    Progress.Mode mode;
}
