"""scikit-learn's RandomForestRegressor() with its defaults on the CSV files the forest benchmark
writes: prints one JSON line {"rmse", "seconds", "cpu"} of fit + predict. n_jobs=1: one core, as our column.
Usage: python3 forest_sklearn.py train.csv test.csv   (last column is the target)"""
import json
import sys
import time

import numpy as np
from sklearn.ensemble import RandomForestRegressor

train = np.loadtxt(sys.argv[1], delimiter=",")
test = np.loadtxt(sys.argv[2], delimiter=",")
start = time.perf_counter()
cpu = time.process_time()
model = RandomForestRegressor(random_state=1, n_jobs=1).fit(train[:, :-1], train[:, -1])
rmse = float(np.sqrt(np.mean((model.predict(test[:, :-1]) - test[:, -1]) ** 2)))
seconds = time.perf_counter() - start
print(json.dumps({"rmse": rmse, "seconds": seconds, "cpu": time.process_time() - cpu}))
