<?php echo "Hello from web";
