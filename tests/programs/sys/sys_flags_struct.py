import sys
print(len(sys.flags) >= 18, sys.flags.debug, sys.flags.inspect, sys.flags.interactive, sys.flags.verbose, sys.flags.bytes_warning, sys.flags.quiet, sys.flags.isolated, sys.flags.dev_mode, sys.flags.utf8_mode, sys.flags.safe_path, sys.flags.warn_default_encoding)
print(sys.float_repr_style, sys.float_info.dig, sys.float_info.mant_dig, sys.float_info.min_exp, sys.float_info.min_10_exp)
