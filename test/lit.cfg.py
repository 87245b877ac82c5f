# -*- Python -*-
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "nnc"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".nn", ".mlir", ".test", ".c", ".cpp"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.nnc_obj_root, "test")

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.nnc_tools_dir, append_path=True)

config.substitutions.append(("%nnc-opt", os.path.join(config.nnc_tools_dir, "nnc-opt")))
config.substitutions.append(("%nnc-dsl", os.path.join(config.nnc_tools_dir, "nnc-dsl")))
config.substitutions.append(("%nnc", os.path.join(config.nnc_tools_dir, "nnc")))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%examples", os.path.join(config.nnc_src_root, "examples")))
config.substitutions.append(("%testlib", os.path.join(config.nnc_src_root, "test", "lib")))
config.substitutions.append(("%runtime_include", os.path.join(config.nnc_src_root, "runtime", "include")))

# Reference tests import test/lib/nnctest.py.
config.environment["PYTHONPATH"] = os.path.join(config.nnc_src_root, "test", "lib")
config.environment["NNC_BIN_DIR"] = config.nnc_tools_dir
# Torch and OpenMP should not fight over the two cores of the CI machine.
config.environment["OMP_NUM_THREADS"] = os.environ.get("OMP_NUM_THREADS", "2")
for var in ["HOME", "TMPDIR"]:
    if var in os.environ:
        config.environment[var] = os.environ[var]
