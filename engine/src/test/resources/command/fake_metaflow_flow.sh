#!/bin/sh
# Stands in for a Metaflow flow file run as `python flow.py ...`: records its arguments.
echo "$0 $*" >> "$MF_LOG"
