"""Tests of zzreport.publish: one file per module (test_build.py for publish/build.py, ...)."""
