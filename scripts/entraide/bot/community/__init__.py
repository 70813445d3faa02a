"""Community replies: joining, buddies, pulses, suggested answers; plan, words, runner, discussions."""
