# flow code lives in the flows repository; this file only satisfies flows.yaml's source path
