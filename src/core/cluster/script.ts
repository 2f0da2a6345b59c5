import trainPy from './train.py?raw';

/** The cluster job's train.py, bundled as text (the file itself stays a real, lintable script). */
export const TRAIN_SCRIPT: string = trainPy;
